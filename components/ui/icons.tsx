import type { SVGProps } from 'react';

/**
 * Inline SVG icons for the player and the shell: characters such as ⏸ (U+23F8) or ⏩ depend on
 * the system's fonts and render as an empty box where none has them.
 */
type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Icon({ size = 14, children, ...rest }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="currentColor"
      aria-hidden
      focusable="false"
      className="inline-block shrink-0"
      {...rest}
    >
      {children}
    </svg>
  );
}

export const PlayIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 2.5v11l9-5.5z" />
  </Icon>
);
export const PauseIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3.5" y="2.5" width="3" height="11" rx="0.5" />
    <rect x="9.5" y="2.5" width="3" height="11" rx="0.5" />
  </Icon>
);
export const StepBackIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 2.5v11L3 8z" />
  </Icon>
);
export const StepForwardIcon = PlayIcon;
export const ToStartIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2.5" y="2.5" width="2" height="11" />
    <path d="M13 2.5v11L5 8z" />
  </Icon>
);
export const ToEndIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 2.5v11L11 8z" />
    <rect x="11.5" y="2.5" width="2" height="11" />
  </Icon>
);
/** An idle gap compressed in replay (two chevrons, "fast forward"). */
export const GapIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.5 3v10L8 8zM8 3v10l6.5-5z" />
  </Icon>
);
export const SunIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="3" />
    <g stroke="currentColor" strokeWidth="1.4" strokeLinecap="round">
      <path d="M8 1v1.6M8 13.4V15M1 8h1.6M13.4 8H15M3 3l1.1 1.1M11.9 11.9 13 13M3 13l1.1-1.1M11.9 4.1 13 3" />
    </g>
  </Icon>
);
export const MoonIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10.5 1.5a6.5 6.5 0 1 0 4 11.6A5.5 5.5 0 0 1 10.5 1.5z" />
  </Icon>
);
/** A breakpoint (a filled octagon, as debuggers draw one). */
export const BreakpointIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M5.5 2h5L14 5.5v5L10.5 14h-5L2 10.5v-5z" />
  </Icon>
);
/** Continue to the next breakpoint (a bar, then play). */
export const ContinueIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2" y="2.5" width="2.5" height="11" rx="0.5" />
    <path d="M6.5 2.5v11l7.5-5.5z" />
  </Icon>
);
