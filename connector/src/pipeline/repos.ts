/** All core repositories over one database. */
import { createClustersRepo } from '../store/clusters-repo';
import { createDecisionsRepo } from '../store/decisions-repo';
import { createFetchesRepo } from '../store/fetches-repo';
import { createInboxRepo } from '../store/inbox-repo';
import type { Db } from '../store/open-database';
import { createOutboxRepo } from '../store/outbox-repo';
import { createTicketsRepo } from '../store/tickets-repo';
import { createTimersRepo } from '../store/timers-repo';

export function createRepos(db: Db) {
  return {
    inbox: createInboxRepo(db),
    outbox: createOutboxRepo(db),
    timers: createTimersRepo(db),
    tickets: createTicketsRepo(db),
    decisions: createDecisionsRepo(db),
    clusters: createClustersRepo(db),
    fetches: createFetchesRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;
