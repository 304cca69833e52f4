import { describe, it, expect } from 'vitest';
import { secureHandler } from './incluster-apiserver.js';

describe('secureHandler', () => {
  it('hands every request to the API server\'s authenticated handler (its chain checks service account tokens)', async () => {
    const seen: string[] = [];
    const plane = {
      apiserver: {
        handler: async () => new Response('insecure'),
        secureHandler: async (req: Request) => (seen.push(req.headers.get('authorization') ?? ''), new Response('secure', { status: 401 })),
      },
    } as unknown as Parameters<typeof secureHandler>[0];
    const res = await secureHandler(plane)(new Request('http://x/api', { headers: { Authorization: 'Bearer abc' } }));
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('secure');
    expect(seen).toEqual(['Bearer abc']);
  });
});
