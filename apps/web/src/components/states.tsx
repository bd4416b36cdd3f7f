/** Loading and error states shared by every page. */
/** A failed request: the server's message and a way to ask again. */
export function ErrorState({ what = 'the data', error, retry }: { what?: string; error: Error; retry: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>
        Could not load {what}: {error.message}
      </p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

export const Loading = ({ what }: { what: string }) => (
  <p className="state state-loading" role="status">
    Loading {what}…
  </p>
);
