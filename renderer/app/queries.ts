import { notifications } from '@mantine/notifications';
import { QueryClient, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InputOf, MethodName, OutputOf } from '#contract/index.ts';
import { call } from '#renderer/api/client.ts';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

/** A read through the contract, cached under its method name and input. */
export function useCall<K extends MethodName>(method: K, input?: InputOf<K>) {
  return useQuery({ queryKey: [method, input ?? null], queryFn: () => call(method, input) });
}

/**
 * A write through the contract. Every successful write refreshes every cached read: reference data is
 * small, and this keeps all screens consistent without per-query bookkeeping.
 */
export function useAction<K extends MethodName>(
  method: K,
  options: {
    successMessage?: string | false;
    onSuccess?: (value: OutputOf<K>) => void;
    /** Show the error on the screen itself (e.g. on a form field); return true to skip the notification. */
    onError?: (error: Error) => boolean;
  } = {},
) {
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (input: InputOf<K>) => call(method, input),
    onSuccess: async (value) => {
      await queryClient.invalidateQueries();
      if (options.successMessage !== false) {
        // One "saved" at a time: quick saves in a row replace it instead of stacking over the page.
        const message = options.successMessage ?? t('common.saved');
        const id = `saved:${message}`;
        notifications.hide(id);
        notifications.show({ id, color: 'teal', message, autoClose: 2500 });
      }
      options.onSuccess?.(value);
    },
    onError: (error) => {
      if (options.onError?.(error)) return;
      notifications.show({ color: 'red', title: t('common.error'), message: error.message, autoClose: 8000 });
    },
  });
}
