import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves a page that loads one script, on the loopback interface, on a free port. */
export async function servePage(script: string): Promise<{ url: string; close: () => Promise<void> }> {
  const page =
    '<!doctype html><html><head><meta charset="utf-8"><title>distsys determinism</title></head><body><script src="/determinism.js"></script></body></html>';
  const server: Server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else if (request.url === '/determinism.js')
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
