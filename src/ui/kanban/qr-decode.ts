// Decoding a QR code from a camera frame or a photo: the browser's BarcodeDetector where it has one that reads QR codes,
// otherwise jsQR, loaded only when first needed so the board's bundle does not carry it.

interface DetectedBarcode { rawValue: string }
interface BarcodeDetectorLike { detect(source: ImageBitmapSource): Promise<DetectedBarcode[]> }
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

let native: Promise<BarcodeDetectorLike | null> | null = null;

function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  native ??= (async () => {
    const Detector = (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    if (!Detector) return null;
    try {
      return (await Detector.getSupportedFormats()).includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
    } catch {
      return null;
    }
  })();
  return native;
}

/** The text of the first QR code in the picture drawn on `canvas`, or null when none can be read. */
export async function decodeCanvas(canvas: HTMLCanvasElement): Promise<string | null> {
  const detector = await nativeDetector();
  if (detector) {
    try {
      const found = await detector.detect(canvas);
      if (found.length > 0) return found[0].rawValue;
    } catch {
      // Fall through to jsQR, which reads the pixels itself.
    }
  }
  const { default: jsQR } = await import('jsqr');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Draws a picture (a video frame or a decoded photo) on `canvas`, at most `maxSide` pixels on its longer side. */
export function drawScaled(canvas: HTMLCanvasElement, source: CanvasImageSource, width: number, height: number, maxSide = 1024) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  canvas.getContext('2d', { willReadFrequently: true })?.drawImage(source, 0, 0, canvas.width, canvas.height);
}

/** Decodes a photo chosen or taken with the file input. */
export async function decodeFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    const canvas = document.createElement('canvas');
    drawScaled(canvas, bitmap, bitmap.width, bitmap.height);
    return await decodeCanvas(canvas);
  } finally {
    bitmap.close();
  }
}

/** Opens the rear camera (any camera where there is no rear one). */
export function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) return Promise.reject(new Error('This browser cannot use a camera here (it needs HTTPS or localhost).'));
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
}

/** A person-readable reason a camera could not be opened. */
export function cameraProblem(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'The camera is not allowed for this page. Allow it in the browser, or take a photo of the card below.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera was found. Take or choose a photo of the card below.';
  if (name === 'NotReadableError') return 'The camera is in use by another app. Close it, or take a photo of the card below.';
  return `The camera could not be opened: ${(error as Error)?.message ?? String(error)}. Take or choose a photo of the card below.`;
}
