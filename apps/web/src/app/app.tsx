import { Suspense, useEffect } from 'react';
import { Link } from '../lib/link';
import { EmbedContext, embeddedPath } from '../lib/embed';
import { usePathname, useSearchParams } from '../lib/url-state';
import { PageReveal } from './page-reveal';
import { ROUTES } from './routes';

const normalize = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

function NotFound({ path }: { path: string }) {
  return (
    <div className="state">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. Go to <Link href="/">the market shares</Link>.
      </p>
    </div>
  );
}

/** The page shell: site header with navigation, the current page, and a footer on the data's provenance. */
export function App() {
  const fullPath = normalize(usePathname());
  const embedded = embeddedPath(fullPath);
  const path = embedded ?? fullPath;
  const route = ROUTES.find((r) => r.path === path);
  const [params] = useSearchParams();
  useEffect(() => {
    document.title = route ? `${route.label} · China cloud & AI market shares` : 'Page not found · China cloud & AI market shares';
  }, [route]);
  const Page = route?.component;
  const loading = (
    <p className="state state-loading" role="status">
      Loading the page…
    </p>
  );
  if (embedded !== null) {
    // Embed mode: the page without the site's chrome; CSS shows only the chart named by `chart`.
    return (
      <EmbedContext.Provider value={{ chart: params.get('chart') }}>
        <main className="embed-root">
          <Suspense fallback={loading}>
            {Page ? (
              <PageReveal key={path}>
                <Page />
              </PageReveal>
            ) : (
              <NotFound path={path} />
            )}
          </Suspense>
        </main>
      </EmbedContext.Provider>
    );
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link className="brand" href="/">
          China cloud &amp; AI market shares
        </Link>
        <nav aria-label="Main">
          {ROUTES.map((r) => (
            <Link key={r.path} href={r.path} aria-current={r === route ? 'page' : undefined}>
              {r.label}
            </Link>
          ))}
          <a href="/api/docs">API</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={loading}>
          {Page ? (
            <PageReveal key={path}>
              <Page />
            </PageReveal>
          ) : (
            <NotFound path={path} />
          )}
        </Suspense>
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
