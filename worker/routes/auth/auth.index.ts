import { createRouter } from '../../http/create-router';
import { changePassword, login, logout, me, signup, updateMe } from './auth.handlers';
import { changePasswordRoute, loginRoute, logoutRoute, meRoute, signupRoute, updateMeRoute } from './auth.routes';
import { acceptInvitation, createInvitation } from './invitations.handlers';
import { acceptInvitationRoute, createInvitationRoute } from './invitations.routes';
import { listMySessions, revokeMySession } from './sessions.handlers';
import { listSessionsRoute, revokeSessionRoute } from './sessions.routes';
import { createMyToken, listMyTokens, revokeMyToken } from './tokens.handlers';
import { createTokenRoute, listTokensRoute, revokeTokenRoute } from './tokens.routes';

/** Accounts and access: sign-up, login, sessions, API tokens and staff invitations. */
export const authRouter = createRouter()
  .openapi(signupRoute, signup)
  .openapi(loginRoute, login)
  .openapi(logoutRoute, logout)
  .openapi(meRoute, me)
  .openapi(updateMeRoute, updateMe)
  .openapi(changePasswordRoute, changePassword)
  .openapi(listSessionsRoute, listMySessions)
  .openapi(revokeSessionRoute, revokeMySession)
  .openapi(listTokensRoute, listMyTokens)
  .openapi(createTokenRoute, createMyToken)
  .openapi(revokeTokenRoute, revokeMyToken)
  .openapi(createInvitationRoute, createInvitation)
  .openapi(acceptInvitationRoute, acceptInvitation);
