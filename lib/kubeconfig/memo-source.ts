import type { TargetSource } from "./targets";

/**
 * A TargetSource that asks its source at most once per question during one resolution: the same
 * list, instance or cluster asked for again (by another entry, or for another target's cluster)
 * gets the first answer, or the first failure. Pure.
 */
export function memoizeSource(source: TargetSource): TargetSource {
  const answers = new Map<string, Promise<unknown>>();
  const once = <T>(question: unknown[], ask: () => Promise<T>): Promise<T> => {
    const key = JSON.stringify(question);
    let answer = answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = ask();
      answers.set(key, answer);
    }
    return answer;
  };
  return {
    getInstance: (kind, project, name) =>
      once(["getInstance", kind, project, name], () => source.getInstance(kind, project, name)),
    listInstances: (kind, project) =>
      once(["listInstances", kind, project], () => source.listInstances(kind, project)),
    listProjects: () => once(["listProjects"], () => source.listProjects()),
    projectClusters: (project) =>
      once(["projectClusters", project], () => source.projectClusters(project)),
    allClusters: () => once(["allClusters"], () => source.allClusters()),
    getCluster: (name) => once(["getCluster", name], () => source.getCluster(name)),
  };
}
