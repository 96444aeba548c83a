// The GPS position in a JPEG's EXIF block, read in the browser so that the page can show where the photo was taken
// before it is sent (the server reads the same tags itself). WGS84, as cameras write it. Null when there is none.
const APP1 = 0xffe1;
const GPS_IFD = 0x8825;

export async function exifGps(file) {
  const view = new DataView(await file.slice(0, 256 * 1024).arrayBuffer());
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
  let offset = 2;
  while (offset + 4 <= view.byteLength) {
    const marker = view.getUint16(offset);
    const length = view.getUint16(offset + 2);
    if (marker === APP1 && view.getUint32(offset + 4) === 0x45786966) return tiff(view, offset + 10);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return null;
    offset += 2 + length;
  }
  return null;
}

function tiff(view, start) {
  try {
    const little = view.getUint16(start) === 0x4949;
    const u16 = (at) => view.getUint16(start + at, little);
    const u32 = (at) => view.getUint32(start + at, little);
    const entries = (ifd) => {
      const out = new Map();
      const count = u16(ifd);
      for (let i = 0; i < count; i += 1) {
        const entry = ifd + 2 + i * 12;
        out.set(u16(entry), entry);
      }
      return out;
    };
    const ifd0 = entries(u32(4));
    if (!ifd0.has(GPS_IFD)) return null;
    const gps = entries(u32(ifd0.get(GPS_IFD) + 8));
    const ref = (tag) => String.fromCharCode(view.getUint8(start + gps.get(tag) + 8));
    const degrees = (tag) => {
      const at = u32(gps.get(tag) + 8);
      const part = (i) => u32(at + i * 8) / u32(at + i * 8 + 4);
      return part(0) + part(1) / 60 + part(2) / 3600;
    };
    if (![1, 2, 3, 4].every((tag) => gps.has(tag))) return null;
    const lat = degrees(2) * (ref(1) === 'S' ? -1 : 1);
    const lon = degrees(4) * (ref(3) === 'W' ? -1 : 1);
    return Number.isFinite(lat) && Number.isFinite(lon) ? { lon, lat } : null;
  } catch {
    return null; // a damaged block: the page simply has no position from the photo
  }
}
