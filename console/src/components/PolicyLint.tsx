import type { LintProblem } from '../../../src/kms/policyLint/lint.js';

/**
 * The key-policy linter's findings under the policy editor, updated as the person types. Each names its line,
 * column and JSON path; choosing one puts the cursor there.
 */
export function PolicyLint({ id, problems, onPick }: { id: string; problems: LintProblem[]; onPick: (p: LintProblem) => void }) {
  if (problems.length === 0) {
    return (
      <p className="muted lint-ok" id={id} role="status">
        The policy checker finds no problem.
      </p>
    );
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <div className={`panel ${errors > 0 ? 'panel-error' : 'panel-warn'} lint`} id={id} role="status" aria-live="polite">
      <h3>
        {problems.length} problem{problems.length === 1 ? '' : 's'} in this policy
        {errors > 0 ? ` (${errors} that KMS refuses)` : ' (KMS accepts it, but it does not do what it seems to)'}
      </h3>
      <ul className="lint-list">
        {problems.map((p, i) => (
          <li key={`${p.offset}-${i}`} data-code={p.code}>
            <button type="button" className="link" onClick={() => onPick(p)} aria-label={`Go to line ${p.line}, column ${p.column}`}>
              Line {p.line}, column {p.column}
            </button>{' '}
            <span className={`badge badge-${p.severity}`}>{p.severity}</span> <code className="lint-path">{p.path}</code>
            <span className="lint-message">{p.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
