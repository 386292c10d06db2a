import { useId } from 'react';
import { AWS_REGIONS } from '../../../src/common/regions.generated.js';

/**
 * The region every page works in. Changing it keeps the sign-in (the same credentials sign for the new region) and
 * reloads the page for that region. AWS's commercial regions are offered, and the signed-in one if it is private.
 */
export function RegionSwitcher({ region, onChange }: { region: string; onChange: (region: string) => void }) {
  const id = useId();
  const names = AWS_REGIONS.map(([name]) => name);
  return (
    <span className="region-switcher">
      <label htmlFor={id}>Region</label>
      <select id={id} value={region} onChange={(e) => onChange(e.target.value)}>
        {names.includes(region) ? null : <option value={region}>{region}</option>}
        {AWS_REGIONS.map(([name, description]) => (
          <option key={name} value={name}>
            {name} ({description})
          </option>
        ))}
      </select>
    </span>
  );
}
