// Small stroke icons (24px grid), drawn inline so the app needs no icon package or network.
function Icon({ d }: { d: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className="h-full w-full"
      aria-hidden="true"
    >
      <path d={d} />
    </svg>
  );
}

export const OverviewIcon = () => <Icon d="M3 12h4l3-8 4 16 3-8h4" />;
export const EmployersIcon = () => (
  <Icon d="M3 21V7l7-4 7 4v14M9 21v-5h2v5M17 10h4v11h-4M7 10h.01M13 10h.01M7 14h.01M13 14h.01" />
);
export const WebhooksIcon = () => (
  <Icon d="M18 16.5a3 3 0 1 1-2.6 4.5H9M6 16.5a3 3 0 1 1 2.6-4.5l3-5.2M12 3.5a3 3 0 1 1 3 5.2l3 5.2" />
);
export const DeductionsIcon = () => <Icon d="M4 4h16v16H4zM8 9h8M8 13h5M15 16l2 2 3-4" />;
export const ActivityIcon = () => <Icon d="M12 8v4l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z" />;
export const SettingsIcon = () => (
  <Icon d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
);
export const IssuesIcon = () => (
  <Icon d="M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
);
export const OutboxIcon = () => <Icon d="M4 4h16v16H4zM4 13h4l2 3h4l2-3h4" />;
