// Names for the ids an issue refers to (departments, systems, modules, people), archived ones included so
// old issues and history entries still show a name; the pickers offer only the active ones.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '#renderer/app/queries.ts';

export function useReference() {
  const { t } = useTranslation();
  const departments = useCall('departments.list', { includeArchived: true });
  const systems = useCall('systems.list', { includeArchived: true });
  const people = useCall('people.list', { includeArchived: true });
  return useMemo(() => {
    const deps = departments.data ?? [];
    const syss = systems.data ?? [];
    const ppl = people.data ?? [];
    const modules = syss.flatMap((s) => s.modules.map((m) => ({ ...m, systemCode: s.code })));
    return {
      ready: !!(departments.data && systems.data && people.data),
      departments: deps,
      systems: syss,
      people: ppl,
      departmentName: new Map(deps.map((d) => [d.id, d.name])),
      systemLabel: new Map(syss.map((s) => [s.id, s.code])),
      moduleName: new Map(modules.map((m) => [m.id, m.name])),
      personName: new Map(ppl.map((p) => [p.id, p.name])),
      departmentOptions: deps.filter((d) => !d.archivedAt).map((d) => ({ value: d.id, label: d.name })),
      systemOptions: syss
        .filter((s) => !s.archivedAt)
        .map((s) => ({ value: s.id, label: s.code === s.name ? s.code : `${s.code} · ${s.name}` })),
      moduleOptions: (systemId: string | null) =>
        syss
          .find((s) => s.id === systemId)
          ?.modules.filter((m) => !m.archivedAt)
          .map((m) => ({ value: m.id, label: m.name })) ?? [],
      personOptions: ppl
        .filter((p) => !p.archivedAt)
        .map((p) => ({
          value: p.id,
          label:
            p.title || p.role
              ? t('personPicker.withRole', { name: p.name, role: p.title ?? t(`training.roles.${p.role}`) })
              : p.name,
        })),
    };
  }, [departments.data, systems.data, people.data, t]);
}

export type Reference = ReturnType<typeof useReference>;
