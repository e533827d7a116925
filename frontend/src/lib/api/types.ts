// Hand-kept TypeScript types for the server's DTOs (see shared DESIGN.md, "The public API").
// Keep these in step with the server's dto.rs files; `parse*` functions check them at the edge.

/** How people join this forum. */
export type Membership = 'open' | 'invite' | 'closed';

/** `GET /api/v1/instance`: who this forum is. */
export interface Instance {
  name: string;
  description: string;
  /** ONS GSS code of the forum's local authority, e.g. E08000025; null until the admin sets it. */
  area: string | null;
  /** The local authority's name, when the server knows the code. */
  area_name: string | null;
  membership: Membership;
  version: string;
  /** Where the code this forum runs can be had (AGPL). */
  source_url: string;
  /** Where "Exit this page" takes a person: a neutral site. */
  quick_exit_url: string;
  /** The day the forum first started, YYYY-MM-DD. */
  running_since: string;
}

/** An RFC 9457 problem document, as every API error is sent (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** Absent when the title says it all. */
  detail?: string;
  code: string;
}
