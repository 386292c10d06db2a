import { useId } from 'react';

export interface TagRow {
  key: string;
  value: string;
}

/** Rows of tag key and value, each with its own labelled inputs and a remove button. */
export function TagEditor({ rows, onChange }: { rows: TagRow[]; onChange: (rows: TagRow[]) => void }) {
  const id = useId();
  const set = (i: number, patch: Partial<TagRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="tags">
      <p className="label">Tags (optional)</p>
      {rows.map((r, i) => (
        <div className="tag-row" key={i}>
          <label htmlFor={`${id}-k${i}`}>Tag {i + 1} key</label>
          <input id={`${id}-k${i}`} value={r.key} onChange={(e) => set(i, { key: e.target.value })} maxLength={128} />
          <label htmlFor={`${id}-v${i}`}>Tag {i + 1} value</label>
          <input id={`${id}-v${i}`} value={r.value} onChange={(e) => set(i, { value: e.target.value })} maxLength={256} />
          <button type="button" className="secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            Remove tag {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        Add a tag
      </button>
    </div>
  );
}

function filled(rows: TagRow[]): TagRow[] {
  return rows.filter((r) => r.key.trim() !== '');
}

/** KMS takes tags as a list of TagKey/TagValue pairs; undefined when there are none. */
export function kmsTags(rows: TagRow[]): { TagKey: string; TagValue: string }[] | undefined {
  const f = filled(rows);
  return f.length > 0 ? f.map((r) => ({ TagKey: r.key.trim(), TagValue: r.value })) : undefined;
}

/** CloudWatch Logs and IAM-style maps: key → value; undefined when there are none. */
export function tagMap(rows: TagRow[]): Record<string, string> | undefined {
  const f = filled(rows);
  return f.length > 0 ? Object.fromEntries(f.map((r) => [r.key.trim(), r.value])) : undefined;
}
