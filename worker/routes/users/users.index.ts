import { createRouter } from '../../http/create-router';
import { changeRole, deactivateUser, getUser, listTenantUsers } from './users.handlers';
import { changeRoleRoute, deactivateUserRoute, getUserRoute, listUsersRoute } from './users.routes';

/** Staff-facing user management. */
export const usersRouter = createRouter()
  .openapi(listUsersRoute, listTenantUsers)
  .openapi(getUserRoute, getUser)
  .openapi(changeRoleRoute, changeRole)
  .openapi(deactivateUserRoute, deactivateUser);
