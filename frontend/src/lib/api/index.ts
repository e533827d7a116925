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
export {
  approvePartner,
  blockDomain,
  declinePartner,
  endPartnership,
  FEDERATION_MODES,
  followForum,
  getFederation,
  PARTNER_STATES,
  setFederationMode,
  unblockDomain,
} from './federation';
export type { FederationMode, FederationOverview, Partner, PartnerState } from './federation';
export { ApiError, filtersFailure, onSessionLost, request, REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE } from './client';
export { getInstance, parseInstance } from './instance';
export { createLocalTag, LOCAL_PREFIX, suggest, updateLocalTag, vocabulary } from './patterns';
export { ROLES } from './parse';
export { messageFor, PROBLEM_CODES } from './problems';
export { FINDING_KINDS, redact, screen } from './screening';
export { listAreas } from './areas';
export { COMPARE_SORTS, compareQuery, evidenceAddress, fetchComparison, MAX_TREND_AREAS, SORT_ORDERS } from './compare';
export type {
  AreaStatus,
  CategoryRef,
  CompareFigure,
  CompareForum,
  CompareQuery,
  CompareRow,
  CompareSort,
  CountUnit,
  Comparison,
  MapArea,
  SortOrder,
  TagRef,
  TrendPoint,
  TrendSeries,
} from './compare';
export type { Area } from './areas';
export {
  createStory,
  defaultStoryInput,
  FEED_SOURCES,
  feedQuery,
  getStory,
  inputFromView,
  listFeed,
  listReplies,
  listSignposts,
  myStories,
  postReply,
  putSignpost,
  react,
  reportStory,
  setForumName,
  storyBody,
  submitStory,
  unreact,
  updateStory,
  withdrawStory,
} from './stories';
export type {
  FeedFilters,
  FeedPage,
  FeedSource,
  NewReport,
  Reactions,
  ReplyState,
  ReplyView,
  Signpost,
  StoryContent,
  StoryForum,
  StoryInput,
  StorySignpost,
  StorySummary,
  StoryView,
} from './stories';
export { closeReport, moderateReply, moderateStory, moderationLog, moderationQueue } from './moderation';
export type {
  LogEntry,
  ModerationQueue,
  OpenReport,
  QueuedReply,
  QueuedStory,
  ReplyAction,
  ReportAction,
  StoryAction,
  StoryDecision,
} from './moderation';
export { listNotifications, markNotificationsRead, NOTIFICATION_KINDS } from './notifications';
export type { Notification, NotificationKind, Notifications } from './notifications';
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
  ReplyModeration,
  Role,
  TagSuggestion,
  Vocabulary,
} from './types';
