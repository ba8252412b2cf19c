import { expect, inject, it } from 'vitest';
import { fixture } from '../../support/fixtures.js';

it('reaches the simulator started in globalSetup, with the scenario it armed', async () => {
  const form = new FormData();
  form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'v.mp4');
  const send = () => fetch(`${inject('simUrl')}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'fixture-key' }, body: form });
  const first = (await (await send()).json()) as { liveness: { is_live: string } };
  const second = (await (await send()).json()) as { liveness: { is_live: string } };
  expect([first.liveness.is_live, second.liveness.is_live]).toEqual(['false', 'true']);
});
