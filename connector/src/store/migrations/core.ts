/**
 * Core tables: inbox, outbox, timers, ticket projection, decisions, clusters, rendered from ../schema/core-tables.ts
 * (the same descriptions PostgreSQL's pg-001 renders). Columns a later migration added are left out of the first
 * CREATE (`except`) and added by that migration, as when they were written. Append new migrations; never change
 * what an applied one creates.
 */
import { CLUSTERS, DECISIONS, INBOX, OUTBOX, TICKET_FETCHES, TICKETS, TIMERS } from '../schema/core-tables';
import { addColumn, createTable, createTableWithIndexes } from '../schema/render-ddl';
import type { Migration } from './index';

const d = 'sqlite';

export const coreMigrations: Migration[] = [
  { id: 'core-001-inbox-outbox', sql: [createTableWithIndexes(d, INBOX), createTableWithIndexes(d, OUTBOX)].join('\n') },
  {
    id: 'core-002-timers-tickets',
    sql: [
      createTableWithIndexes(d, TIMERS),
      createTableWithIndexes(d, TICKETS, { except: ['dispatch_group'] }),
      createTableWithIndexes(d, DECISIONS),
      createTable(d, CLUSTERS),
    ].join('\n'),
  },
  { id: 'core-003-ticket-fetches', sql: createTable(d, TICKET_FETCHES, { except: ['purpose'] }) },
  { id: 'core-004-ticket-dispatch-group', sql: addColumn(d, TICKETS, 'dispatch_group') },
  { id: 'core-006-ticket-fetch-purpose', sql: addColumn(d, TICKET_FETCHES, 'purpose') },
];
