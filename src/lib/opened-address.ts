/**
 * The address the explorer was opened with. On its first load the router rewrites the address to
 * the state it shows (a dropped `page=abc` disappears from it), so what a typed or shared link
 * asked for is only known from here. Only a page load can carry such values: every link and
 * navigation inside the explorer is built from validated state.
 */

let opened: { pathname: string; search: string } | null = null;

/** Called once, before the router starts. */
export function rememberOpenedAddress(location: { pathname: string; search: string }): void {
  opened = { pathname: location.pathname, search: location.search };
}

/** The query string the explorer was opened with, while the user is still on that page. */
export function openedSearch(pathname: string): string | null {
  return opened && opened.pathname === pathname ? opened.search : null;
}

/** Once the user leaves the page they opened (or dismisses what it says), it is history. */
export function forgetOpenedAddress(): void {
  opened = null;
}
