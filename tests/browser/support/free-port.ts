// A free TCP port on 127.0.0.1, found by asking the system for one and giving it back.

import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port the system gave us'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
