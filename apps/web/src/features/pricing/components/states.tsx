/** Loading, error and empty states of the pricing page. */
export function ErrorState({ error, retry }: { error: Error; retry: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>Could not load the prices: {error.message}</p>
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
