/** A list of host match patterns, shown as code: where Peerside reads pages. */
export function HostList({ hosts }: { hosts: readonly string[] }) {
  return (
    <ul>
      {hosts.map((host) => (
        <li key={host}>
          <code>{host}</code>
        </li>
      ))}
    </ul>
  );
}
