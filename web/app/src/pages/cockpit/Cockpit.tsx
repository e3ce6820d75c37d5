export default function Cockpit() {
  return null;
}
