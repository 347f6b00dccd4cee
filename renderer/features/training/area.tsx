// The training register in the app frame; the sign-in sheet is printed without it.
import { IconChalkboard, IconShieldCheck } from '@tabler/icons-react';
import { page, type RendererArea } from '#renderer/app/area.tsx';
import { ReadinessPage } from './ReadinessPage.tsx';
import { SessionPage } from './SessionPage.tsx';
import { SessionsPage } from './SessionsPage.tsx';
import { SignInSheet } from './SignInSheet.tsx';

export const trainingArea: RendererArea = {
  nav: [
    {
      section: 'training',
      order: 10,
      to: '/training/sessions',
      label: 'training.nav.sessions',
      icon: <IconChalkboard size={18} />,
      prefix: true,
    },
    {
      section: 'training',
      order: 20,
      to: '/training/readiness',
      label: 'training.nav.readiness',
      icon: <IconShieldCheck size={18} />,
    },
  ],
  routes: [
    page('/training/sessions', SessionsPage),
    { path: '/training/sessions/:id', render: ({ id }) => <SessionPage key={id} params={{ id: id! }} /> },
    page('/training/readiness', ReadinessPage),
  ],
  bare: [
    { path: '/training/sessions/:id/sign-in', render: ({ id }) => <SignInSheet params={{ id: id! }} /> },
  ],
};
