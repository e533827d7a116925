// Once per run: the neutral exit site, then the real forum server pointed at it.
// Journeys read the addresses with `inject('forum')`.

import type { TestProject } from 'vitest/node';
import { startForum, type ForumServer } from './forum-server';
import { startNeutralSite, type NeutralSite } from './neutral-site';

export const FORUM = {
  name: 'Testshire Parent Carer Forum',
  description: 'Parents and carers of children with SEND in Testshire, sharing what happened and what helped.',
  area: 'E08000025',
  areaName: 'Birmingham',
} as const;

export interface ForumUnderTest {
  origin: string;
  /** The forum's database, for the server's CLI (making an admin). */
  databaseUrl: string;
  name: string;
  description: string;
  area: string;
  areaName: string;
  exitUrl: string;
  startUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    forum: ForumUnderTest;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let neutral: NeutralSite | null = null;
  let forum: ForumServer | null = null;
  const teardown = async () => {
    await forum?.stop();
    await neutral?.close();
  };
  try {
    neutral = await startNeutralSite();
    forum = await startForum({
      name: FORUM.name,
      description: FORUM.description,
      area: FORUM.area,
      quickExitUrl: neutral.exitUrl,
    });
    await expectAppServed(forum.origin);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('forum', {
    ...FORUM,
    origin: forum.origin,
    databaseUrl: forum.databaseUrl,
    exitUrl: neutral.exitUrl,
    startUrl: neutral.startUrl,
  });
  return teardown;
}

/** Fails at once, with the fix, when the server has no built web app to serve. */
async function expectAppServed(origin: string): Promise<void> {
  const response = await fetch(`${origin}/`);
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !type.startsWith('text/html')) {
    const body = (await response.text()).slice(0, 500);
    throw new Error(
      `GET / answered ${response.status} (${type}), not the web app: run \`npm run build -w frontend\` first.\n${body}`,
    );
  }
}
