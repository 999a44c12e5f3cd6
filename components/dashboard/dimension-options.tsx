import type { DimensionGroups } from './dimensions';

/** The `<option>`s of a dimension `<select>`: models, metadata keys and fields, each under its heading. */
export function DimensionOptions({ groups }: { groups: DimensionGroups }) {
  return (
    <>
      {groups.models.length ? (
        <optgroup label="Models">
          {groups.models.map((c) => (
            <option key={c.value} value={c.value}>
              {c.title}
            </option>
          ))}
        </optgroup>
      ) : null}
      {groups.meta.length ? (
        <optgroup label="Metadata">
          {groups.meta.map((c) => (
            <option key={c.value} value={c.value}>
              {c.title}
            </option>
          ))}
        </optgroup>
      ) : null}
      {groups.fields.length ? (
        <optgroup label="Fields">
          {groups.fields.map((c) => (
            <option key={c.value} value={c.value}>
              {c.title}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );
}
