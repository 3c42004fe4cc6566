export function PerchMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#3b55d9" />
      <path d="M9 22c3-7 8-11 14-12-2 2-3 4-3 7-3 0-6 2-8 5z" fill="#fff" />
      <circle cx="20.5" cy="13" r="1.3" fill="#3b55d9" />
      <path d="M8 24h16" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
