import { useId, useState } from 'react';

/**
 * A search field with its button; the search runs when it is submitted (each search is a request to the server, so
 * it is not sent on every key stroke).
 */
export function SearchBar({ label, button, value, onSearch }: { label: string; button: string; value: string; onSearch: (text: string) => void }) {
  const id = useId();
  const [typed, setTyped] = useState(value);
  return (
    <form
      className="search-bar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(typed.trim());
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} />
      <button type="submit" className="secondary">
        {button}
      </button>
    </form>
  );
}
