/** The parts of Zendesk Ticketing API payloads the client reads (developer.zendesk.com, Tickets / Ticket Comments / Users). */
export interface ZdUser {
  id: number;
  name?: string;
  email?: string | null;
  phone?: string | null;
  role?: 'end-user' | 'agent' | 'admin' | string;
  locale?: string;
  tags?: string[];
}

export interface ZdTicket {
  id: number;
  subject?: string | null;
  description?: string | null;
  status?: string;
  priority?: string | null;
  type?: string | null;
  tags?: string[];
  custom_fields?: { id: number; value: unknown }[];
  requester_id?: number;
  group_id?: number | null;
  via?: { channel?: string };
  created_at?: string;
  updated_at?: string;
}

export interface ZdComment {
  id: number;
  author_id: number;
  body?: string;
  html_body?: string;
  plain_body?: string;
  public: boolean;
  created_at: string;
  attachments?: { file_name: string; size?: number; content_type?: string; content_url?: string }[];
}

export interface ZdCommentsPage {
  comments: ZdComment[];
  users?: ZdUser[];
  meta?: { has_more?: boolean; after_cursor?: string | null };
}
