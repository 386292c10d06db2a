import { randomUUID } from 'node:crypto';
import { EventStreamOutput } from '../../common/eventStream.js';
import type { RequestContext } from '../../common/operation.js';
import {
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
  type StartLiveTailRequest,
} from '../../protocol/generated/logs.js';
import { parseGroupIdentifier } from '../arns.js';
import type { LogsCore } from '../core.js';
import { compileFilter, parseFilterPattern } from '../filter/index.js';
import { LIVE_TAIL_MAX_QUEUED_UPDATES, LiveTailSession, type StreamSelection } from '../liveTail/session.js';
import { messages } from '../messages.js';
import type { LogGroupRecord } from '../model.js';

/** Concurrent Live Tail sessions per account and Region (AWS's quota), counted per server instance. */
export const MAX_LIVE_TAIL_SESSIONS = 15;

const openSessions = new WeakMap<LogsCore, Map<string, number>>();

/**
 * Starts a Live Tail session: validates the request as AWS does, then answers with an event stream — `sessionStart`
 * at once, a `sessionUpdate` every second with the events stored since, and `SessionTimeoutException` after three
 * hours. The session ends when the client closes the stream.
 */
export async function startLiveTail(core: LogsCore, input: StartLiveTailRequest, ctx: RequestContext): Promise<EventStreamOutput> {
  if (input.logStreamNames !== undefined && input.logStreamNamePrefixes !== undefined) {
    throw new InvalidParameterException(messages.liveTailNamesAndPrefixes);
  }
  if ((input.logStreamNames !== undefined || input.logStreamNamePrefixes !== undefined) && input.logGroupIdentifiers.length !== 1) {
    throw new InvalidParameterException(messages.liveTailStreamsNeedOneGroup);
  }
  for (const id of input.logGroupIdentifiers) {
    // The model's pattern already refuses `*`, so an ARN ending with one (which AWS documents as refused) never gets here.
    if (!id.startsWith('arn:')) throw new InvalidParameterException(messages.liveTailArnRequired(id));
  }
  const match = input.logEventFilterPattern !== undefined ? compileFilter(parseFilterPattern(input.logEventFilterPattern)) : undefined;

  const groups: { group: LogGroupRecord; identifier: string }[] = [];
  for (const identifier of input.logGroupIdentifiers) {
    const ref = parseGroupIdentifier(identifier);
    // Cross-account observability is not served: another account's or Region's ARN names no group of the caller.
    if (!ref || ref.accountId !== ctx.principal.accountId || ref.region !== ctx.region) throw new ResourceNotFoundException(messages.groupNotFound);
    const group = await core.mustGroup(ctx, ref.name);
    if (!groups.some((g) => g.group.id === group.id)) groups.push({ group, identifier });
  }

  const selection: StreamSelection = {};
  if (input.logStreamNames !== undefined) selection.names = new Set(input.logStreamNames);
  if (input.logStreamNamePrefixes !== undefined) selection.prefixes = input.logStreamNamePrefixes;

  const counts = openSessions.get(core) ?? new Map<string, number>();
  openSessions.set(core, counts);
  const scope = `${ctx.principal.accountId}/${ctx.region}`;
  const open = counts.get(scope) ?? 0;
  if (open >= MAX_LIVE_TAIL_SESSIONS) throw new LimitExceededException(messages.liveTailTooManySessions(MAX_LIVE_TAIL_SESSIONS));
  counts.set(scope, open + 1);
  let counted = true;
  const release = () => {
    if (!counted) return;
    counted = false;
    const n = (counts.get(scope) ?? 1) - 1;
    if (n <= 0) counts.delete(scope);
    else counts.set(scope, n);
  };

  const session = new LiveTailSession({ core, ctx, groups, selection, ...(match ? { match } : {}), onEnd: release });
  try {
    // Where each group stands now: what is stored from here on is what the session shows.
    await session.prepare();
  } catch (err) {
    release();
    throw err;
  }
  const start = {
    requestId: ctx.requestId,
    sessionId: randomUUID(),
    logGroupIdentifiers: groups.map((g) => g.identifier),
    ...(input.logStreamNames !== undefined ? { logStreamNames: input.logStreamNames } : {}),
    ...(input.logStreamNamePrefixes !== undefined ? { logStreamNamePrefixes: input.logStreamNamePrefixes } : {}),
    logEventFilterPattern: input.logEventFilterPattern ?? '',
  };
  let started = false;
  return new EventStreamOutput(
    (sink) => {
      started = true;
      sink.event('sessionStart', start);
      return session.run(sink);
    },
    {
      maxQueuedEvents: LIVE_TAIL_MAX_QUEUED_UPDATES,
      // The response never started (the client left first): the session was counted, and ends here.
      abandoned: () => {
        if (!started) release();
      },
    },
  );
}
