import type { ComponentChildren } from 'preact';

/**
 * A data table: a caption for screen readers (when given), one heading a column, then the rows. It
 * scrolls sideways in its own box when wider than the screen (a phone), never the whole page.
 */
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
    <div class="scroll">
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
    </div>
  );
}
