import { MarketSharePage } from '../features/market-shares/components/market-share-page';

/** The page shell: site header, the current page, and a footer on the data's provenance. */
export function App() {
  return (
    <div className="shell">
      <header className="site-header">
        <a className="brand" href="/">
          China cloud &amp; AI market shares
        </a>
        <nav aria-label="Main">
          <a href="/" aria-current="page">
            Market shares
          </a>
          <a href="/api/docs">API</a>
        </nav>
      </header>
      <main>
        <MarketSharePage />
      </main>
      <footer className="site-footer">
        <p>
          Every figure is cited: publisher, the page it was read on, a verbatim quote, its date and a source-quality
          marker. Sources that disagree are shown side by side, never averaged. Data as CSV from the download buttons or
          the <a href="/api/docs">JSON/CSV API</a>.
        </p>
      </footer>
    </div>
  );
}
