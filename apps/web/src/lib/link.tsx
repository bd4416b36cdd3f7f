import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './url-state';

/**
 * An in-app link: a real `<a href>` (so it can be opened in a new tab, copied and crawled) whose
 * plain left click navigates without a page load.
 */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
