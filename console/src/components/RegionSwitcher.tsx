import { useId } from 'react';
import { AWS_REGIONS } from '../../../src/common/regions.generated.js';
import { serverPrivateRegions } from '../lib/session.js';

/**
 * The region every page works in. Changing it keeps the sign-in (the same credentials sign for the new region) and
 * reloads the page for that region. AWS's commercial regions are offered, then the server's private regions
 * (`logseal serve --regions`), and the signed-in one if it is neither.
 */
export function RegionSwitcher({ region, onChange }: { region: string; onChange: (region: string) => void }) {
  const id = useId();
  const names = AWS_REGIONS.map(([name]) => name);
  const privateNames = serverPrivateRegions().filter((n) => !names.includes(n));
  return (
    <span className="region-switcher">
      <label htmlFor={id}>Region</label>
      <select id={id} value={region} onChange={(e) => onChange(e.target.value)}>
        {names.includes(region) || privateNames.includes(region) ? null : <option value={region}>{region}</option>}
        {AWS_REGIONS.map(([name, description]) => (
          <option key={name} value={name}>
            {name} ({description})
          </option>
        ))}
        {privateNames.map((name) => (
          <option key={name} value={name}>
            {name} (private region)
          </option>
        ))}
      </select>
    </span>
  );
}
