export interface PageSection {
  id: string;
  label: string;
}

/** Links to the employer page's sections, in page order; stays in view on wide screens. */
export function SectionNav({ sections }: { sections: PageSection[] }) {
  return (
    <nav
      aria-label="Sections of this page"
      className="z-20 -mx-1 overflow-x-auto border-b border-slate-200 bg-slate-50/95 px-1 py-2 backdrop-blur lg:sticky lg:top-0"
    >
      <ul className="flex gap-1 text-sm">
        {sections.map((section) => (
          <li key={section.id}>
            <a
              href={`#${section.id}`}
              className="block rounded-md px-3 py-1.5 whitespace-nowrap text-slate-600 hover:bg-white hover:text-slate-900 hover:shadow-sm"
            >
              {section.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
