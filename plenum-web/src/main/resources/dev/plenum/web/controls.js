// Small builders for controls that code adds to the page (host actions, Q&A and poll actions).

/** A button that sends one signaling message when pressed. */
export function sendButton(label, send, message, className) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  if (className) button.className = className;
  button.addEventListener('click', () => send(message));
  return button;
}
