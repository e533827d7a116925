// The neutral site that quick exit goes to: a stand-in for a weather page, on an origin of
// its own (another port), so that a test can tell the forum from "somewhere else".

import { createServer, type Server } from 'node:http';

export const NEUTRAL_TITLE = 'Weather';

/** The exit page answers after this long, so that a test can see the forum blank itself first. */
export const EXIT_PAGE_DELAY_MS = 1_000;

export interface NeutralSite {
  /** Where the forum's quick exit is configured to go. */
  exitUrl: string;
  /** A page to visit before the forum, standing in for the search engine a person came from. */
  startUrl: string;
  close(): Promise<void>;
}

const page = (heading: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${NEUTRAL_TITLE}</title></head>` +
  `<body><h1>${heading}</h1><p>Sunny intervals, light winds.</p></body></html>`;

export async function startNeutralSite(): Promise<NeutralSite> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://neutral.invalid').pathname;
    const send = () => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(page(path === '/start' ? 'Search results' : 'Weather forecast'));
    };
    if (path === '/') setTimeout(send, EXIT_PAGE_DELAY_MS);
    else send();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('neutral site has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    exitUrl: `${origin}/`,
    startUrl: `${origin}/start`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
