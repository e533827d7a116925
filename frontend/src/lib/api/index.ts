// The forum's HTTP API. Components and state import from here; nothing else calls `fetch`.

export { ApiError, request, REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE } from './client';
export { getInstance, parseInstance } from './instance';
export { messageFor, PROBLEM_CODES } from './problems';
export type { ErrorCode, ProblemCode } from './problems';
export type { Instance, Membership, Problem } from './types';
