export default function DataAssets() {
  return null;
}
