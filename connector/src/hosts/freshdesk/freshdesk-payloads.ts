/** The parts of Freshdesk API v2 payloads the client reads (developers.freshdesk.com/api: Tickets, Conversations). */
export interface FdConversation {
  id: number;
  body?: string;
  body_text?: string;
  incoming?: boolean;
  private?: boolean;
  user_id?: number;
  source?: number;
  created_at: string;
  attachments?: { name: string; size?: number; content_type?: string; attachment_url?: string }[];
}

export interface FdTicket {
  id: number;
  subject?: string | null;
  description?: string | null;
  description_text?: string | null;
  status?: number;
  priority?: number;
  source?: number;
  tags?: string[];
  custom_fields?: Record<string, unknown>;
  requester_id?: number;
  group_id?: number | null;
  created_at?: string;
  updated_at?: string;
  requester?: { id: number; name?: string; email?: string | null; phone?: string | null; mobile?: string | null; language?: string };
  conversations?: FdConversation[];
}
