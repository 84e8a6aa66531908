/** Batch clusters: one problem ticket per (host, batch), with its member tickets. */
import type { Db } from './open-database';

export interface ClusterRow {
  id: number;
  host: string;
  batch: string;
  problemTicketId: string | null;
  members: string[];
  createdAt: string;
}

type Row = Record<string, unknown>;
const toRow = (r: Row): ClusterRow => ({
  id: Number(r.id),
  host: String(r.host),
  batch: String(r.batch),
  problemTicketId: (r.problem_ticket_id as string) ?? null,
  members: JSON.parse(String(r.members)),
  createdAt: String(r.created_at),
});

export function createClustersRepo(db: Db) {
  const byBatch = db.prepare('SELECT * FROM clusters WHERE host = ? AND batch = ?');
  const byId = db.prepare('SELECT * FROM clusters WHERE id = ?');
  const insert = db.prepare('INSERT INTO clusters (host, batch, members, created_at) VALUES (?, ?, ?, ?)');
  const setMembers = db.prepare('UPDATE clusters SET members = ? WHERE id = ?');
  const setProblem = db.prepare('UPDATE clusters SET problem_ticket_id = ? WHERE id = ?');
  return {
    byBatch(host: string, batch: string): ClusterRow | null {
      const r = byBatch.get(host, batch) as Row | undefined;
      return r ? toRow(r) : null;
    },
    byId(id: number): ClusterRow | null {
      const r = byId.get(id) as Row | undefined;
      return r ? toRow(r) : null;
    },
    create(host: string, batch: string, members: string[], at: string): number {
      return Number(insert.run(host, batch, JSON.stringify(members), at).lastInsertRowid);
    },
    addMember(id: number, ticketId: string): void {
      const c = this.byId(id);
      if (c && !c.members.includes(ticketId)) setMembers.run(JSON.stringify([...c.members, ticketId]), id);
    },
    setProblem(id: number, problemTicketId: string): void {
      setProblem.run(problemTicketId, id);
    },
  };
}

export type ClustersRepo = ReturnType<typeof createClustersRepo>;
