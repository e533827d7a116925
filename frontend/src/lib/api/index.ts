// The forum's HTTP API. Components and state import from here; nothing else calls `fetch`.

export {
  changePassphrase,
  deleteMyAccount,
  exportMyData,
  getMe,
  join,
  makeRecoveryCodes,
  RECOVERY_CODE_COUNT,
  recover,
  signIn,
  signOut,
  signOutEverywhere,
} from './accounts';
export { changeRole, createInvite, listInvites, listMembers, withdrawInvite } from './admin';
export { ApiError, onSessionLost, request, REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE } from './client';
export { getInstance, parseInstance } from './instance';
export { createLocalTag, LOCAL_PREFIX, suggest, updateLocalTag, vocabulary } from './patterns';
export { ROLES } from './parse';
export { messageFor, PROBLEM_CODES } from './problems';
export { FINDING_KINDS, redact, screen } from './screening';
export type { ErrorCode, ProblemCode } from './problems';
export type {
  Account,
  Finding,
  FindingKind,
  Instance,
  Invite,
  Joined,
  LocalTagChanges,
  LocalTagFields,
  Me,
  Member,
  Membership,
  NewInvite,
  PatternCategory,
  PatternTag,
  Problem,
  Recovered,
  Redaction,
  Role,
  TagSuggestion,
  Vocabulary,
} from './types';
