import type { ComponentChildren } from 'preact';

/** A labelled control with its error from the API (by field path) shown right under it. */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: (props: {
    id: string;
    'aria-invalid'?: 'true';
    'aria-describedby'?: string;
  }) => ComponentChildren;
}) {
  const errorId = `${id}-error`;
  return (
    <div class={`field ${error ? 'invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, ...(error && { 'aria-invalid': 'true', 'aria-describedby': errorId }) })}
      {error && (
        <p class="error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
