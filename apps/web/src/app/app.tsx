import { Link, Outlet, useLocation, useMatches } from '@tanstack/react-router';
import { useEffect } from 'react';
import { EmbedContext, embeddedPath } from '../lib/embed';
import { PageReveal } from './page-reveal';
import { PAGES } from './pages';

const SITE = 'China cloud & AI market shares';
const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

export function NotFound() {
  const pathname = useLocation({ select: (l) => l.pathname });
  return (
    <div className="state">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{embeddedPath(pathname) ?? pathname}</code>. Go to <Link to="/">the market shares</Link>.
      </p>
    </div>
  );
}

export const PageLoading = () => (
  <p className="state state-loading" role="status">
    Loading the page…
  </p>
);

/** The page shell: site header with navigation, the current page, and a footer on the data's provenance. */
export function Root() {
  const pathname = useLocation({ select: (l) => l.pathname });
  const chart = useLocation({ select: (l) => (l.search as { chart?: string }).chart ?? null });
  // The page whose route matches the whole path; none for a path no page has (`/embed/nope`
  // matches `/embed` only as far as it goes).
  const page = useMatches({
    select: (matches) => {
      const last = matches.at(-1);
      return last && trimSlash(last.pathname) === trimSlash(pathname) ? last.staticData.page : undefined;
    },
  });
  useEffect(() => {
    document.title = page ? `${page.label} · ${SITE}` : `Page not found · ${SITE}`;
  }, [page]);
  const content = page ? (
    <PageReveal key={page.path}>
      <Outlet />
    </PageReveal>
  ) : (
    <Outlet />
  );
  if (embeddedPath(pathname) !== null) {
    // Embed mode: the page without the site's chrome; CSS shows only the chart named by `chart`.
    return (
      <EmbedContext.Provider value={{ chart }}>
        <main className="embed-root">{content}</main>
      </EmbedContext.Provider>
    );
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link className="brand" to="/" activeOptions={{ exact: true }} activeProps={{}}>
          China cloud &amp; AI market shares
        </Link>
        <nav aria-label="Main">
          {PAGES.map((p) => (
            <Link key={p.path} to={p.path} activeOptions={{ exact: true, includeSearch: false }} activeProps={{}}>
              {p.label}
            </Link>
          ))}
          <a href="/api/docs">API</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
      <footer className="site-footer">
        <p>
          Every figure is cited: publisher, the page it was read on, a verbatim quote, its date and a source-quality marker. Sources
          that disagree are shown side by side, never averaged. Data as CSV from the download buttons or the{' '}
          <a href="/api/docs">JSON/CSV API</a>.
        </p>
      </footer>
    </div>
  );
}
