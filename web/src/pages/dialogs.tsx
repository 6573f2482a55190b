import { useEffect, useRef, useState } from 'preact/hooks';

/** A modal <dialog>: the browser traps focus in it and Escape closes it. */
function Modal({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: preact.ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="dialog-title" onClose={onClose}>
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}

export function KeyHelp({ onClose }: { onClose: () => void }) {
  const keys = [
    ['j / k', 'next / previous alert'],
    ['Enter', 'open the selected alert'],
    ['a', 'take it (assign to me, acknowledged)'],
    ['e', 'resolve it, with a note'],
    ['#', 'dismiss it'],
    ['?', 'this list'],
  ];
  return (
    <Modal title="Keyboard" onClose={onClose}>
      <dl class="keys">
        {keys.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Modal>
  );
}

export function NoteDialog({
  title,
  onSubmit,
  onCancel,
}: {
  title: string;
  onSubmit: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  return (
    <Modal title={title} onClose={onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(note);
        }}
      >
        <label for="resolve-note">Note (what was done)</label>
        <textarea
          id="resolve-note"
          rows={3}
          value={note}
          autofocus
          onInput={(event) => setNote(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              onSubmit(note);
            }
          }}
        />
        <div class="row">
          <button type="submit">Resolve</button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
