import { ownedAccessKeys } from "./access-keys";
import { clusters } from "./clusters";
import { spaceInstances, virtualClusterInstances } from "./instances";
import { projects } from "./projects";
import { selves } from "./selves";
import { teams } from "./teams";
import { directClusterEndpointTokens } from "./tokens";
import type { Resource } from "./types";
import { users } from "./users";

/** Every resource of management.loft.sh/v1 the local platform serves, by plural name. */
export const RESOURCES: readonly Resource[] = [
  projects,
  clusters,
  spaceInstances,
  virtualClusterInstances,
  users,
  teams,
  ownedAccessKeys,
  selves,
  directClusterEndpointTokens,
];

export const RESOURCE_BY_PLURAL = new Map(RESOURCES.map((r) => [r.plural, r]));
