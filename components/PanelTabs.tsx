/**
 * The panel's tabs (Questions, People and whatever else the organisation offers), as the ARIA tabs
 * pattern: one tab stop, arrow keys (and Home/End) move between tabs and select them, each tab
 * controls its panel. A tab's panel is mounted the first time it is shown (so an unvisited tab loads
 * nothing) and then stays mounted, hidden while another tab is shown, so a half-written review or
 * session keeps its draft across a visit to another tab. Unvisited panels are empty, so ids resolve.
 */
import type { ComponentChild } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface PanelTab {
  id: string;
  label: string;
  /** Rendered once the tab has been selected, and kept (hidden) after. */
  render(): ComponentChild;
}

export function PanelTabs({
  tabs,
  selected,
  onSelect,
  label,
}: {
  tabs: PanelTab[];
  selected: string;
  onSelect(id: string): void;
  label: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  const current = tabs.some((tab) => tab.id === selected) ? selected : tabs[0]!.id;
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([current]));
  if (!visited.has(current)) setVisited(new Set([...visited, current]));

  const move = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === current);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(tabs[next]!.id);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${tabs[next]!.id}`)?.focus();
  };

  return (
    <>
      {tabs.length > 1 && (
        <div class="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={move}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={tab.id === current}
              aria-controls={`tabpanel-${tab.id}`}
              tabIndex={tab.id === current ? 0 : -1}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </div>
      )}
      {tabs.map((tab) =>
        tabs.length > 1 ? (
          <div
            key={tab.id}
            role="tabpanel"
            id={`tabpanel-${tab.id}`}
            aria-labelledby={`tab-${tab.id}`}
            hidden={tab.id !== current}
          >
            {(tab.id === current || visited.has(tab.id)) && tab.render()}
          </div>
        ) : (
          <div key={tab.id}>{tab.render()}</div>
        ),
      )}
    </>
  );
}
