import type { ComponentChildren } from 'preact';

/** A data table: a caption for screen readers (when given), one heading a column, then the rows. */
export function Grid({
  caption,
  columns,
  children,
}: {
  caption?: string;
  columns: string[];
  children: ComponentChildren;
}) {
  return (
    <table class="grid">
      {caption && <caption class="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
