/** RFC 3339 in whole seconds, as Kubernetes writes `metav1.Time`. */
export const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
