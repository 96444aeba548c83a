// One small icon per report category (inline SVG, drawn with the text colour): nothing fetched from outside.
const PATHS = {
  fire_hazard: 'M12 2c1 4-3 6-3 10a3 3 0 0 0 6 0c0-2-1-3-1-5 3 2 5 5 5 8a7 7 0 0 1-14 0c0-6 5-8 7-13z',
  smoke: 'M6 18a4 4 0 0 1 0-8 5 5 0 0 1 9-2 4 4 0 0 1 3 7H6zM8 21h10',
  flooding: 'M12 3s-5 6-5 9a5 5 0 0 0 10 0c0-3-5-9-5-9zM2 20c2 0 2-1 4-1s2 1 4 1 2-1 4-1 2 1 4 1 2-1 4-1',
  gas_leak: 'M9 3h6v3H9zM7 6h10v14H7zM10 11h4M10 15h4',
  electrical_hazard: 'M13 2 4 14h7l-1 8 9-12h-7z',
  blocked_fire_exit: 'M5 3h10v18H5zM15 12h4M17 10l2 2-2 2M3 21h18M8 8l4 4M12 8l-4 4',
  structural_danger: 'M3 21h18M5 21V9l7-5 7 5v12M12 9l-2 4 3 2-2 5',
  other: 'M6 12h.01M12 12h.01M18 12h.01M3 12a9 9 0 1 0 18 0 9 9 0 0 0-18 0',
};

export function categoryIcon(id) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', PATHS[id] || PATHS.other);
  svg.append(path);
  return svg;
}
