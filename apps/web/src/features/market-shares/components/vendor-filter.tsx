import type { Vendor } from '@dash/domain';

/**
 * Checkbox chips for the vendors of the current market, in their chart colours. An empty
 * selection is not allowed to stand: unticking the last vendor selects all again.
 */
export function VendorFilter({
  vendors,
  selected,
  onChange,
}: {
  vendors: readonly Vendor[];
  selected: ReadonlySet<string>;
  onChange: (ids: string[] | null) => void;
}) {
  const all = selected.size === 0 || vendors.every((v) => selected.has(v.id));
  const isOn = (id: string) => all || selected.has(id);
  const toggle = (id: string) => {
    const next = vendors.filter((v) => (v.id === id ? !isOn(id) : isOn(v.id))).map((v) => v.id);
    onChange(next.length === 0 || next.length === vendors.length ? null : next);
  };
  return (
    <fieldset className="vendor-filter">
      <legend>Vendors</legend>
      {vendors.map((v) => (
        <label key={v.id} className="chip">
          <input type="checkbox" checked={isOn(v.id)} onChange={() => toggle(v.id)} />
          <span className="swatch" style={{ background: v.color }} aria-hidden="true" />
          {v.name}
        </label>
      ))}
      {!all ? (
        <button type="button" className="link-button" onClick={() => onChange(null)}>
          Show all
        </button>
      ) : null}
    </fieldset>
  );
}
