/**
 * office.js comes from Microsoft's CDN, as for every Office add-in, but only when Office opened the
 * page: Office adds `_host_Info` to the task pane's URL (and keeps it in sessionStorage on reloads).
 * In a plain browser tab — the browser host, and the tests, which run without internet — it is not
 * fetched at all, and a CDN that cannot be reached falls back to the browser host too.
 */
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export function openedByOffice(search: string, session: Pick<Storage, 'getItem'> | null): boolean {
  if (/[?&]_host_Info=/i.test(search)) return true;
  try {
    return !!session?.getItem('hostInfoValue');
  } catch {
    return false;
  }
}

export function loadOfficeJs(): Promise<boolean> {
  if (typeof Office !== 'undefined') return Promise.resolve(true);
  let session: Storage | null = null;
  try {
    session = sessionStorage;
  } catch {
    /* storage blocked */
  }
  if (!openedByOffice(location.search, session)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = OFFICE_JS;
    s.onload = () => resolve(true);
    s.onerror = () => resolve(false);
    document.head.appendChild(s);
  });
}
