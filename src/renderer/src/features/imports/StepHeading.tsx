import { Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A step's title, focused when the step opens: the button that led here is gone, and keyboard and
 * screen-reader users go on from the new step rather than from the top of the page.
 */
export function StepHeading({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Title order={3} ref={heading} tabIndex={-1}>
      {children}
    </Title>
  );
}
